/**
 * Optional sound, muted by default: short synthesised cues (no recorded files) for a new
 * phase, a close call and the Resolve step.
 */
let ctx: AudioContext | null = null;
let on = false;

export function soundOn(): boolean {
  return on;
}

export function setSound(value: boolean): void {
  on = value;
  if (on && !ctx) {
    try {
      ctx = new AudioContext();
    } catch {
      on = false;
    }
  }
}

export function cue(kind: "phase" | "alarm" | "resolve"): void {
  if (!on || !ctx) return;
  const t = ctx.currentTime;
  const notes = kind === "phase" ? [660] : kind === "alarm" ? [330, 247] : [392, 523, 659];
  notes.forEach((f, i) => {
    const o = ctx!.createOscillator();
    const g = ctx!.createGain();
    o.type = kind === "alarm" ? "square" : "sine";
    o.frequency.value = f;
    g.gain.setValueAtTime(0.0001, t + i * 0.12);
    g.gain.exponentialRampToValueAtTime(0.08, t + i * 0.12 + 0.02);
    g.gain.exponentialRampToValueAtTime(0.0001, t + i * 0.12 + 0.25);
    o.connect(g).connect(ctx!.destination);
    o.start(t + i * 0.12);
    o.stop(t + i * 0.12 + 0.3);
  });
}
