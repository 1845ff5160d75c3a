/**
 * The top bar's own words (buttons, their tooltips and screen-reader names, the leave
 * question), in one place so the reading-grade test reads them as the bar shows them.
 */
export const TOPBAR_TEXT = {
  ready: "Ready",
  readyDone: "Ready ✓",
  readyTitle: "Done for this phase (R)",
  phases: "Phases of the round",
  hostControls: "Host controls",
  help: "How to play and guided tour",
  helpTitle: "How to play",
  debrief: "See the debrief",
  leave: "Leave this game",
  leaveSeat: "Leave this game? A bot will take your seat.",
  leaveWatching: "Stop watching this game?",
  reconnecting: "Reconnecting…",
  offline: "Offline table",
  soundOn: "Sound (on)",
  soundOff: "Sound (off)",
  soundOffTitle: "Sound is off; click to turn it on",
  paused: "Paused",
  pause: "Pause the clock",
  resume: "Resume the clock",
  extend: "Add 30 seconds",
  extendTitle: "+30 s",
  skip: "Skip to the next phase",
  skipTitle: "Skip phase",
} as const;
