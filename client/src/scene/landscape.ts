/**
 * The optimisation landscape drawn with Phaser 4. It knows no rules: it draws a
 * `LandscapeModel` (terrain, water in the basins, contours, the world and its trail), animates
 * the world's move when a new model arrives, and reports which region the pointer is over.
 */
import * as Phaser from "phaser";
import type { Attractor } from "../../../shared/vocabulary";
import { ATTRACTOR_INFO, VALLEY } from "../model/attractors";
import {
  contours,
  easeMove,
  heightAt,
  type LandscapeModel,
  type Point,
  regionAt,
  terrainColour,
  waterAt,
} from "../model/landscape";

export type Region = Attractor | "valley" | null;

export interface LandscapeHandle {
  update(model: LandscapeModel, animate: boolean): void;
  destroy(): void;
  /** Whether a move animation is running (for tests and the bench). */
  animating(): boolean;
  /** The incidents the scene is marking now, as "attractor:incident" (for tests). */
  incidents(): string[];
}

const TEX_W = 300;
const TEX_H = 190;

const hex = (c: string) => Number.parseInt(c.slice(1), 16);
const rgb = (c: string): [number, number, number] => {
  const n = hex(c);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
};
const BASIN_RGB: Record<Attractor, [number, number, number]> = {
  misuse: rgb(ATTRACTOR_INFO.misuse.colour),
  centralisation: rgb(ATTRACTOR_INFO.centralisation.colour),
  goodhart: rgb(ATTRACTOR_INFO.goodhart.colour),
  takeover: rgb(ATTRACTOR_INFO.takeover.colour),
};

class LandscapeScene extends Phaser.Scene {
  private model: LandscapeModel | null = null;
  private terrain: Phaser.GameObjects.Image | null = null;
  private lines!: Phaser.GameObjects.Graphics;
  private overlay!: Phaser.GameObjects.Graphics;
  private markerG!: Phaser.GameObjects.Graphics;
  private incidentG!: Phaser.GameObjects.Graphics;
  private labels: Phaser.GameObjects.Text[] = [];
  private shown: Point | null = null;
  private moveFrom: Point | null = null;
  private moveTo: Point | null = null;
  private moveStart = 0;
  private readonly moveMs = 1800;
  private pulse = 0;
  private textureVersion = 0;
  onRegion: (r: Region, click: boolean) => void = () => {};

  constructor() {
    super("landscape");
  }

  create(): void {
    this.lines = this.add.graphics();
    this.overlay = this.add.graphics();
    this.incidentG = this.add.graphics();
    this.markerG = this.add.graphics();
    this.scale.on("resize", () => this.redraw());
    this.input.on("pointermove", (p: Phaser.Input.Pointer) =>
      this.onRegion(this.regionOf(p), false),
    );
    this.input.on("pointerdown", (p: Phaser.Input.Pointer) =>
      this.onRegion(this.regionOf(p), true),
    );
    this.input.on("gameout", () => this.onRegion(null, false));
    if (this.model) this.redraw();
  }

  private regionOf(p: Phaser.Input.Pointer): Region {
    if (!this.model) return null;
    const u = this.toUnit(p.x, p.y);
    return regionAt(this.model, u.x, u.y);
  }

  private box() {
    const w = this.scale.width;
    const h = this.scale.height;
    const pad = Math.min(w, h) * 0.04;
    return { x: pad, y: pad, w: w - 2 * pad, h: h - 2 * pad };
  }

  private toScreen(p: Point): { x: number; y: number } {
    const b = this.box();
    return { x: b.x + ((p.x + 1) / 2) * b.w, y: b.y + ((p.y + 1) / 2) * b.h };
  }

  private toUnit(x: number, y: number): Point {
    const b = this.box();
    return { x: ((x - b.x) / b.w) * 2 - 1, y: ((y - b.y) / b.h) * 2 - 1 };
  }

  setModel(model: LandscapeModel, animate: boolean): void {
    const prev = this.shown ?? model.marker;
    this.model = model;
    if (!this.sys.isActive()) return;
    if (
      animate &&
      (Math.abs(prev.x - model.marker.x) > 1e-4 || Math.abs(prev.y - model.marker.y) > 1e-4)
    ) {
      this.moveFrom = prev;
      this.moveTo = model.marker;
      this.moveStart = this.time.now;
    } else {
      this.shown = model.marker;
    }
    this.redraw();
  }

  isAnimating(): boolean {
    return this.moveTo !== null;
  }

  /** The incidents marked on the map now (none before the scene has drawn). */
  markedIncidents(): string[] {
    if (!this.lines || !this.model) return [];
    return this.model.incidents.map((m) => `${m.attractor}:${m.incident}`);
  }

  private paintTerrain(model: LandscapeModel): void {
    const key = `terrain-${++this.textureVersion}`;
    // A CPU-backed canvas: uploading it to WebGL needs no read-back from the GPU.
    const canvas = document.createElement("canvas");
    canvas.width = TEX_W;
    canvas.height = TEX_H;
    const ctx = canvas.getContext("2d", { willReadFrequently: true });
    if (!ctx) return;
    const img = ctx.createImageData(TEX_W, TEX_H);
    const hs = new Float32Array(TEX_W * TEX_H);
    for (let j = 0; j < TEX_H; j++)
      for (let i = 0; i < TEX_W; i++)
        hs[j * TEX_W + i] = heightAt(model, (i / (TEX_W - 1)) * 2 - 1, (j / (TEX_H - 1)) * 2 - 1);
    for (let j = 0; j < TEX_H; j++) {
      for (let i = 0; i < TEX_W; i++) {
        const k = j * TEX_W + i;
        const h = hs[k]!;
        const hx =
          hs[j * TEX_W + Math.min(TEX_W - 1, i + 1)]! - hs[j * TEX_W + Math.max(0, i - 1)]!;
        const hy =
          hs[Math.min(TEX_H - 1, j + 1) * TEX_W + i]! - hs[Math.max(0, j - 1) * TEX_W + i]!;
        // Hill shading: light from the upper left.
        const shade = Math.max(0.55, Math.min(1.35, 1 + (hx * 0.9 + hy * 0.6) * -22));
        let [r, g, b] = terrainColour(h);
        const x = (i / (TEX_W - 1)) * 2 - 1;
        const y = (j / (TEX_H - 1)) * 2 - 1;
        const water = waterAt(model, x, y, h);
        r *= shade;
        g *= shade;
        b *= shade;
        // Each basin's floor takes a little of its colour (its icon and label carry the meaning).
        for (const basin of model.basins) {
          const dx = x - basin.centre.x;
          const dy = y - basin.centre.y;
          const w = Math.exp(-(dx * dx + dy * dy) / (2 * basin.width * basin.width)) * 0.38;
          if (w < 0.02) continue;
          const tint = BASIN_RGB[basin.id];
          r = r * (1 - w) + tint[0] * w * 0.8;
          g = g * (1 - w) + tint[1] * w * 0.8;
          b = b * (1 - w) + tint[2] * w * 0.8;
        }
        if (water) {
          const depth = Math.min(1, (water.level - h) * 6);
          const stripe = (i + j) % 6 < 1 ? 18 : 0;
          r = r * 0.35 + (40 + stripe) * 0.65;
          g = g * 0.35 + (110 + stripe + 30 * (1 - depth)) * 0.65;
          b = b * 0.35 + (170 + stripe) * 0.65;
        }
        img.data[k * 4] = Math.min(255, r);
        img.data[k * 4 + 1] = Math.min(255, g);
        img.data[k * 4 + 2] = Math.min(255, b);
        img.data[k * 4 + 3] = 255;
      }
    }
    ctx.putImageData(img, 0, 0);
    if (!this.textures.addCanvas(key, canvas)) return;
    const old = this.terrain;
    this.terrain = this.add.image(0, 0, key).setOrigin(0, 0).setDepth(-1);
    if (old) {
      const oldKey = old.texture.key;
      old.destroy();
      this.textures.remove(oldKey);
    }
  }

  private lastTerrainKey = "";

  private redraw(): void {
    const model = this.model;
    if (!model || !this.lines) return;
    const tkey = JSON.stringify(model.basins.map((b) => [b.depth.toFixed(3), b.fill.toFixed(3)]));
    if (tkey !== this.lastTerrainKey) {
      this.lastTerrainKey = tkey;
      this.paintTerrain(model);
    }
    const w = this.scale.width;
    const h = this.scale.height;
    this.terrain?.setDisplaySize(w, h).setPosition(0, 0);
    // Map the texture to the padded box too: the texture spans [-1,1]², so stretch to the box.
    const b = this.box();
    this.terrain?.setPosition(b.x, b.y).setDisplaySize(b.w, b.h);
    this.cameras.main.setBackgroundColor("#0b1120");

    this.lines.clear();
    const levels = [-0.9, -0.75, -0.6, -0.45, -0.32, -0.2, -0.1, -0.02, 0.06];
    for (const c of contours(model, levels, 64, 40)) {
      const deep = c.level < -0.3;
      this.lines.lineStyle(deep ? 1.2 : 1, deep ? 0xbfd4f2 : 0xe8eef8, deep ? 0.28 : 0.16);
      this.lines.beginPath();
      for (const s of c.segments) {
        const p1 = this.toScreen({ x: s.x1, y: s.y1 });
        const p2 = this.toScreen({ x: s.x2, y: s.y2 });
        this.lines.moveTo(p1.x, p1.y);
        this.lines.lineTo(p2.x, p2.y);
      }
      this.lines.strokePath();
    }

    for (const l of this.labels) l.destroy();
    this.labels = [];
    const small = w < 520;
    // Labels grow with the map, so a projector's big landscape is readable from the back.
    const k = Math.max(1, Math.min(1.5, Math.min(w, h * 2.2) / 900));
    const px = (size: number) => Math.round(size * k);
    const font = (size: number) => ({
      fontFamily: "Space Grotesk, Inter, sans-serif",
      fontSize: `${size}px`,
      color: "#e8eef8",
      stroke: "#0b1120",
      strokeThickness: 4,
      align: "center" as const,
    });
    for (const basin of model.basins) {
      const info = ATTRACTOR_INFO[basin.id];
      const c = this.toScreen(basin.centre);
      // Basin rim ring: dashed by risk (a ring for the tipping point).
      this.lines.lineStyle(2, hex(info.colour), 0.9);
      this.lines.strokeCircle(c.x, c.y, Math.min(b.w, b.h) * basin.width * 0.9);
      const label = this.add
        .text(
          c.x,
          c.y + Math.min(b.w, b.h) * basin.width * 0.42,
          small ? info.short : info.label,
          font(small ? 11 : px(14)),
        )
        .setOrigin(0.5, 0.5);
      const risk = this.add
        .text(c.x, c.y, `${Math.round(basin.risk)}`, {
          ...font(small ? 13 : px(18)),
          color: info.colour,
        })
        .setOrigin(0.5, 0.5);
      this.labels.push(label, risk);
    }
    // Each incident of the round: its name above the basin it warns of (the pulse is drawn
    // every frame in update()).
    const marks = model.incidents;
    for (const [i, m] of marks.entries()) {
      const basin = model.basins.find((x) => x.id === m.attractor);
      if (!basin) continue;
      const c = this.toScreen(basin.centre);
      const r = Math.min(b.w, b.h) * basin.width;
      const same = marks.slice(0, i).filter((x) => x.attractor === m.attractor).length;
      // Inside the rim, on the side toward the map's centre: clear of the map's edge and of
      // the summary at its top (below the name of a top basin, above the figure of a bottom one).
      const line = px(small ? 14 : 18);
      const y =
        basin.centre.y < 0 ? c.y + r * 0.42 + line * (1 + same) : c.y - r * 0.42 - line * same;
      this.labels.push(
        this.add
          .text(c.x, y, `⚡ ${m.label}`, {
            ...font(small ? 11 : px(14)),
            color: INCIDENT_TEXT,
            fontStyle: "bold",
          })
          .setOrigin(0.5, 0.5),
      );
    }
    const v = this.toScreen({
      x: model.valley.centre.x,
      y: model.valley.centre.y + model.valley.width * 0.55,
    });
    this.labels.push(
      this.add
        .text(v.x, v.y, small ? "Flourishing" : VALLEY.label, {
          ...font(small ? 11 : px(13)),
          color: "#8fe0c6",
        })
        .setOrigin(0.5, 0.5),
    );
    this.drawOverlay();
  }

  private drawOverlay(): void {
    const model = this.model;
    if (!model) return;
    const o = this.overlay;
    o.clear();
    const pts = model.trail.map((p) => this.toScreen(p));
    if (pts.length > 1) {
      o.lineStyle(2.5, 0xe69f00, 0.55);
      o.beginPath();
      o.moveTo(pts[0]!.x, pts[0]!.y);
      for (const p of pts.slice(1)) o.lineTo(p.x, p.y);
      o.strokePath();
      for (const p of pts) {
        o.fillStyle(0xe69f00, 0.55);
        o.fillCircle(p.x, p.y, 3);
      }
    }
  }

  override update(time: number): void {
    if (!this.model) return;
    let at = this.shown ?? this.model.marker;
    if (this.moveTo && this.moveFrom) {
      const t = (time - this.moveStart) / this.moveMs;
      at = easeMove(this.moveFrom, this.moveTo, t);
      if (t >= 1) {
        this.moveTo = null;
        this.moveFrom = null;
      }
      this.shown = at;
    }
    this.pulse = (time / 1400) % 1;
    this.drawIncidents(time);
    const p = this.toScreen(at);
    const g = this.markerG;
    g.clear();
    const r = Math.max(7, Math.min(this.scale.width, this.scale.height) * 0.018);
    g.lineStyle(2, 0xe69f00, 1 - this.pulse);
    g.strokeCircle(p.x, p.y, r + this.pulse * r * 2.2);
    g.fillStyle(0x0b1120, 1);
    g.fillCircle(p.x, p.y, r + 2.5);
    g.fillStyle(0xe69f00, 1);
    g.fillCircle(p.x, p.y, r);
    g.fillStyle(0xffffff, 0.9);
    g.fillCircle(p.x - r * 0.3, p.y - r * 0.3, r * 0.28);
  }

  /** A pulse of rings at the basin of each incident of the round: a warning that struck. */
  private drawIncidents(time: number): void {
    const g = this.incidentG;
    g.clear();
    const model = this.model;
    if (!model || model.incidents.length === 0) return;
    const b = this.box();
    const seen = new Set<Attractor>();
    for (const m of model.incidents) {
      if (seen.has(m.attractor)) continue;
      seen.add(m.attractor);
      const basin = model.basins.find((x) => x.id === m.attractor);
      if (!basin) continue;
      const c = this.toScreen(basin.centre);
      const r = Math.min(b.w, b.h) * basin.width * 0.9;
      // The basin's rim glows, and two rings spread out from it in turn (held still for a
      // player who asked for less motion).
      const still = REDUCED_MOTION.matches;
      g.lineStyle(3, INCIDENT_COLOUR, 0.85);
      g.strokeCircle(c.x, c.y, r);
      for (const offset of [0, 0.5]) {
        const t = still ? offset : (time / 1600 + offset) % 1;
        g.lineStyle(2.5, INCIDENT_COLOUR, 0.7 * (1 - t));
        g.strokeCircle(c.x, c.y, r * (1 + 0.55 * t));
      }
      g.fillStyle(INCIDENT_COLOUR, still ? 0.14 : 0.1 + 0.08 * Math.sin(time / 250));
      g.fillCircle(c.x, c.y, r);
    }
  }
}

const REDUCED_MOTION = window.matchMedia("(prefers-reduced-motion: reduce)");

/** The colour of an incident's mark on the map (and its label). */
const INCIDENT_COLOUR = 0xff6b3d;
const INCIDENT_TEXT = "#ffb38a";

export function createLandscape(
  parent: HTMLElement,
  onRegion: (r: Region, click: boolean) => void,
): LandscapeHandle {
  const scene = new LandscapeScene();
  scene.onRegion = onRegion;
  const game = new Phaser.Game({
    type: Phaser.AUTO,
    parent,
    backgroundColor: "#0b1120",
    scale: {
      mode: Phaser.Scale.RESIZE,
      width: parent.clientWidth || 640,
      height: parent.clientHeight || 400,
    },
    scene,
    banner: false,
    audio: { noAudio: true },
    render: { antialias: true },
  });
  game.canvas?.setAttribute("aria-hidden", "true");
  // Phaser caches where its canvas is on the page; panels opening or closing around it move the
  // canvas without resizing the window, which would misplace every hover. Re-read the bounds
  // when the pointer enters and whenever the box changes size.
  const refreshBounds = () => game.scale.updateBounds();
  parent.addEventListener("pointerenter", refreshBounds);
  // refresh() alone keeps the parent size Phaser last measured: measure it again first.
  const resized = new ResizeObserver(() => {
    game.scale.getParentBounds();
    game.scale.refresh();
  });
  resized.observe(parent);
  return {
    update(model, animate) {
      scene.setModel(model, animate);
    },
    destroy() {
      parent.removeEventListener("pointerenter", refreshBounds);
      resized.disconnect();
      game.destroy(true);
    },
    animating: () => scene.isAnimating(),
    incidents: () => scene.markedIncidents(),
  };
}
