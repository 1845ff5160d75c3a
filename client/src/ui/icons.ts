/**
 * Attractor's icon set: original 24×24 line icons drawn for the game (see assets/LICENSE.md).
 * Every icon is decorative (aria-hidden); the text beside it carries the meaning.
 */
const PATHS: Record<string, string> = {
  hazard: "M12 3 2.5 20h19L12 3Zm0 6v5m0 3v.5",
  crown: "M3 18h18M4 16 3 7l5 4 4-6 4 6 5-4-1 9H4Z",
  target:
    "M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18Zm0-4a5 5 0 1 0 0-10 5 5 0 0 0 0 10Zm0-4a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z",
  chip: "M7 7h10v10H7zM10 10h4v4h-4zM9 3v4M15 3v4M9 17v4M15 17v4M3 9h4M3 15h4M17 9h4M17 15h4",
  valley: "M2 8c4 0 5 9 10 9s6-9 10-9",
  megaphone: "M3 10v4h3l6 4V6L6 10H3Zm13-1a4 4 0 0 1 0 6m2-9a8 8 0 0 1 0 12",
  plane: "M2 16l20-6-20-6 3 6-3 6Zm3-6h9",
  box: "M3 7l9-4 9 4v10l-9 4-9-4V7Zm0 0 9 4 9-4M12 11v10",
  robot: "M6 8h12v10H6zM9 12h.01M15 12h.01M12 4v4M9 18v3M15 18v3M3 12v3M21 12v3",
  handshake: "M2 11l4-4 4 2 3-2 4 1 5 4-5 5-3-2-3 2-4-3-5-3Zm8-2 3 3",
  ribbon: "M12 3a5 5 0 1 0 0 10 5 5 0 0 0 0-10Zm-3 9-2 9 5-3 5 3-2-9",
  merge: "M6 3v6a6 6 0 0 0 6 6h0a6 6 0 0 0 6-6V3M12 15v6",
  mask: "M3 6c3 1 6 1 9 0s6-1 9 0c0 7-4 11-9 11S3 13 3 6Zm5 4h2m4 0h2",
  check: "M4 12l5 5L20 6",
  scroll: "M6 3h12v14a4 4 0 0 1-4 4H6a3 3 0 0 1-3-3v-1h11v1a3 3 0 0 0 3 3M9 8h6M9 12h6",
  eraser: "M16 3l5 5-11 11H5l-3-3L16 3ZM9 10l5 5M10 21h11",
  bolt: "M13 2 4 14h7l-1 8 9-12h-7l1-8Z",
  shieldAlert: "M12 3 4 6v6c0 5 3.5 8 8 9 4.5-1 8-4 8-9V6l-8-3Zm0 5v5m0 3v.5",
  siren: "M6 18v-6a6 6 0 0 1 12 0v6M4 18h16v3H4zM12 3v2M4 7l1.5 1.5M20 7l-1.5 1.5",
  coins:
    "M12 7c4 0 7-1 7-2.5S16 2 12 2 5 3 5 4.5 8 7 12 7Zm-7-2.5v5C5 11 8 12 12 12s7-1 7-2.5v-5M5 9.5v5C5 16 8 17 12 17s7-1 7-2.5v-5M5 14.5v5C5 21 8 22 12 22s7-1 7-2.5v-5",
  brake: "M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18ZM8 12h8",
  ruler: "M3 17 17 3l4 4L7 21l-4-4Zm4-4 2 2m1-5 2 2m1-5 2 2",
  hands: "M4 14c3 0 4 2 8 2s5-2 8-2M6 10l6-6 6 6M12 4v12",
  news: "M4 5h13v14H6a2 2 0 0 1-2-2V5Zm13 4h3v8a2 2 0 0 1-2 2M7 9h7M7 13h7M7 16h4",
  chat: "M4 5h16v11H9l-5 4V5Z",
  scales: "M12 3v18M7 21h10M4 7h16M7 7l-3 7h6L7 7Zm10 0-3 7h6l-3-7Z",
  gauge: "M3 16a9 9 0 1 1 18 0M12 16l4-5",
  help: "M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18Zm-2.5-12a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .8-1 1.5V14m0 3v.5",
  sound: "M4 9v6h4l5 4V5L8 9H4Zm12 0a4 4 0 0 1 0 6m2-9a8 8 0 0 1 0 12",
  mute: "M4 9v6h4l5 4V5L8 9H4Zm12 1 5 5m0-5-5 5",
  pause: "M8 5v14M16 5v14",
  play: "M7 4l13 8-13 8V4Z",
  skip: "M5 5l10 7-10 7V5Zm14 0v14",
  plus: "M12 5v14M5 12h14",
  clock: "M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18Zm0-14v5l3 3",
  copy: "M8 8h12v12H8zM4 16V4h12",
  user: "M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8Zm-8 9a8 8 0 0 1 16 0",
  bot: "M7 9h10v9H7zM10 13h.01M14 13h.01M12 5v4M9 5h6",
  flag: "M5 21V4h11l-2 4 2 4H5",
  government: "M3 21h18M4 10h16L12 4 4 10Zm2 0v8m4-8v8m4-8v8m4-8v8",
  lab: "M9 3h6M10 3v6l-5 10a1.5 1.5 0 0 0 1.3 2h11.4a1.5 1.5 0 0 0 1.3-2L14 9V3M7.5 15h9",
  company: "M3 21V9l6-4v4l6-4v4l6-4v16H3Zm4-4h2m4 0h2",
  download: "M12 3v12m-5-5 5 5 5-5M4 21h16",
  link: "M10 14a5 5 0 0 0 7 0l3-3a5 5 0 0 0-7-7l-1 1m2 5a5 5 0 0 0-7 0l-3 3a5 5 0 0 0 7 7l1-1",
  close: "M6 6l12 12M18 6 6 18",
  arrow: "M5 12h14m-6-6 6 6-6 6",
  wifi: "M2 9a15 15 0 0 1 20 0M5 12.5a10 10 0 0 1 14 0M8.5 16a5 5 0 0 1 7 0M12 19.5v.5",
  eye: "M2 12s3.5-7 10-7 10 7 10 7-3.5 7-10 7S2 12 2 12Zm10 3a3 3 0 1 0 0-6 3 3 0 0 0 0 6Z",
};

export function iconSvg(name: string, size = 18): SVGSVGElement {
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("width", String(size));
  svg.setAttribute("height", String(size));
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  svg.setAttribute("class", "icon");
  const path = document.createElementNS("http://www.w3.org/2000/svg", "path");
  path.setAttribute("d", PATHS[name] ?? PATHS.help!);
  path.setAttribute("fill", "none");
  path.setAttribute("stroke", "currentColor");
  path.setAttribute("stroke-width", "1.8");
  path.setAttribute("stroke-linecap", "round");
  path.setAttribute("stroke-linejoin", "round");
  svg.appendChild(path);
  return svg;
}

export const ICON_NAMES = Object.keys(PATHS);
