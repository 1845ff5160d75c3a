/**
 * A tiny DOM builder: `h("button", { class: "primary", onclick }, "Play")`. Attributes set
 * with setAttribute unless they are event handlers or one of a few properties.
 */
type Child = Node | string | number | null | undefined | false;
// biome-ignore lint/suspicious/noExplicitAny: event handlers of any event type
type Handler = (e: any) => void;
export type Attrs = Record<string, string | number | boolean | null | undefined | Handler>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") {
      el.addEventListener(k.slice(2), v);
    } else if (k === "value" && "value" in el) {
      (el as HTMLInputElement).value = String(v);
    } else if (k === "checked" && el instanceof HTMLInputElement) {
      el.checked = v === true;
    } else if (v === true) {
      el.setAttribute(k, "");
    } else {
      el.setAttribute(k, String(v));
    }
  }
  append(el, children);
  return el;
}

function append(el: Node, children: (Child | Child[])[]): void {
  for (const c of children) {
    if (Array.isArray(c)) append(el, c);
    else if (c === null || c === undefined || c === false) continue;
    else el.appendChild(typeof c === "object" ? c : document.createTextNode(String(c)));
  }
}

export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

/** Replaces an element's children only when `key` changed since the last call. */
export function renderIf(
  el: HTMLElement,
  key: string,
  build: () => (Node | string | null | undefined | false)[],
): boolean {
  if (el.dataset.key === key) return false;
  el.dataset.key = key;
  const focusedId = document.activeElement instanceof HTMLElement ? document.activeElement.id : "";
  clear(el);
  for (const n of build()) if (n !== null && n !== undefined && n !== false) el.append(n);
  if (focusedId) {
    const again = document.getElementById(focusedId);
    if (again && el.contains(again)) again.focus();
  }
  return true;
}

const SVG_NS = "http://www.w3.org/2000/svg";
export function s<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number | undefined> = {},
  ...children: (SVGElement | null | undefined)[]
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) el.setAttribute(k, String(v));
  for (const c of children) if (c) el.appendChild(c);
  return el;
}

/** A visually hidden live region for screen readers. */
export function announce(text: string): void {
  const el = document.getElementById("sr-live");
  if (el) el.textContent = text;
}

/**
 * A code shown large (a join code), read letter by letter: screen readers skip the big code
 * and read `label` with the code spelled out, from a visually hidden twin beside it. (An
 * aria-label on a plain div or span is not allowed, and most screen readers ignore it.)
 */
export function spelledCode(
  tag: "div" | "span",
  attrs: Attrs,
  label: string,
  code: string,
): [HTMLElement, HTMLElement] {
  return [
    h(tag, { ...attrs, "aria-hidden": "true" }, code),
    h("span", { class: "sr-only" }, `${label} ${[...code].join(" ")}`),
  ];
}
