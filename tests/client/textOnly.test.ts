/**
 * Chat lines and people's names reach the page as text by construction: the client builds its
 * DOM with `h()` (client/src/ui/dom.ts), which makes every string a text node, and no client
 * file hands markup to the browser's HTML parser except the QR code's SVG (made by the qrcode
 * library from the join link). Rendered here on a small stand-in DOM that refuses `innerHTML`,
 * so markup in a chat line or a name stays the characters it is. (Regression test for defect 8
 * of issue 9: chat markup is echoed verbatim, and must stay text.)
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// A stand-in DOM: elements, text nodes, attributes, listeners; parsing HTML is refused.
class FakeNode {
  parentNode: FakeNode | null = null;
  readonly childNodes: FakeNode[] = [];
  get firstChild(): FakeNode | null {
    return this.childNodes[0] ?? null;
  }
  appendChild(n: FakeNode): FakeNode {
    n.parentNode?.removeChild(n);
    n.parentNode = this;
    this.childNodes.push(n);
    return n;
  }
  append(...nodes: (FakeNode | string)[]): void {
    for (const n of nodes) this.appendChild(typeof n === "string" ? new FakeText(n) : n);
  }
  replaceChildren(...nodes: (FakeNode | string)[]): void {
    while (this.firstChild) this.removeChild(this.firstChild);
    this.append(...nodes);
  }
  removeChild(n: FakeNode): FakeNode {
    const i = this.childNodes.indexOf(n);
    if (i >= 0) this.childNodes.splice(i, 1);
    n.parentNode = null;
    return n;
  }
  contains(n: FakeNode | null): boolean {
    for (let p = n; p; p = p.parentNode) if (p === this) return true;
    return false;
  }
  get textContent(): string {
    return this.childNodes.map((c) => c.textContent).join("");
  }
}

class FakeText extends FakeNode {
  constructor(readonly data: string) {
    super();
  }
  override get textContent(): string {
    return this.data;
  }
}

class FakeElement extends FakeNode {
  readonly attributes = new Map<string, string>();
  readonly dataset: Record<string, string> = {};
  readonly listeners = new Map<string, ((e: unknown) => void)[]>();
  value = "";
  id = "";
  constructor(readonly tagName: string) {
    super();
  }
  setAttribute(name: string, value: string): void {
    this.attributes.set(name, value);
    if (name === "id") this.id = value;
  }
  addEventListener(type: string, fn: (e: unknown) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn]);
  }
  focus(): void {}
  set innerHTML(_html: string) {
    throw new Error("innerHTML: markup parsed into the page");
  }
  set outerHTML(_html: string) {
    throw new Error("outerHTML: markup parsed into the page");
  }
  insertAdjacentHTML(): void {
    throw new Error("insertAdjacentHTML: markup parsed into the page");
  }
  /** Every element in this subtree, this one included. */
  elements(): FakeElement[] {
    return [
      this,
      ...this.childNodes.flatMap((c) => (c instanceof FakeElement ? c.elements() : [])),
    ];
  }
  /** Every text node in this subtree. */
  texts(): string[] {
    return this.childNodes.flatMap((c) =>
      c instanceof FakeText ? [c.data] : c instanceof FakeElement ? c.texts() : [],
    );
  }
}

const fakeDocument = {
  createElement: (tag: string) => new FakeElement(tag),
  createElementNS: (_ns: string, tag: string) => new FakeElement(tag),
  createTextNode: (text: string) => new FakeText(text),
  getElementById: () => null,
  activeElement: null,
};

const globals = globalThis as Record<string, unknown>;
const saved = ["document", "HTMLElement", "HTMLInputElement"].map((k) => [k, globals[k]] as const);
beforeAll(() => {
  globals.document = fakeDocument;
  globals.HTMLElement = FakeElement;
  globals.HTMLInputElement = class extends FakeElement {};
});
afterAll(() => {
  for (const [k, v] of saved) globals[k] = v;
});

// The client's modules are loaded by path (this folder's tsconfig has no DOM types to check
// them with); these are the parts of their types the test uses.
interface Sent {
  type: string;
  payload: unknown;
}
interface ChatPanelLike {
  el: FakeElement;
  update(s: unknown): void;
}
interface ChatModule {
  ChatPanel: new (c: { send(type: string, payload: unknown): void }) => ChatPanelLike;
}
interface PeopleModule {
  peopleList(
    c: { send(type: string, payload: unknown): void },
    table: unknown,
    me: string,
  ): FakeElement;
}
const load = <T>(file: string): Promise<T> => import(/* @vite-ignore */ file) as Promise<T>;

const MARKUP = `<img src=x onerror="alert(1)"> <b>bold</b> &amp; <script>steal()</script>`;
const NAME = `<i>Bob</i> & "Eve"`;

function table(removed: { id: string; name: string }[]) {
  const player = (id: string, name: string, host: boolean) => ({
    id,
    name,
    seat: null,
    host,
    connected: true,
    ready: false,
    spectator: false,
    muted: false,
  });
  return {
    code: "K3P7Q",
    stage: "lobby",
    players: [player("me", "Host", true), player("p2", NAME, false)],
    seats: [],
    removed,
  };
}

describe("chat and names are text by construction", () => {
  it("defect 8: a chat line and a name with markup are rendered as their characters", async () => {
    const { ChatPanel } = await load<ChatModule>("../../client/src/ui/panels/chat.ts");
    const sent: Sent[] = [];
    const panel = new ChatPanel({ send: (type, payload) => sent.push({ type, payload }) });
    panel.update({
      view: null,
      seat: null,
      playerId: "me",
      table: table([]),
      chat: [{ from: NAME, fromPlayer: "p2", fromSeat: "G1", text: MARKUP, to: null, at: 0 }],
    });
    const texts = panel.el.texts();
    expect(texts).toContain(MARKUP);
    expect(texts.some((t) => t.includes(NAME))).toBe(true);
    const tags = new Set(panel.el.elements().map((e) => e.tagName));
    for (const tag of ["img", "b", "i", "script"]) expect(tags.has(tag), tag).toBe(false);
  });

  it("defect 8: the host's list of removed people shows names as text, with a button to let each back in", async () => {
    const { peopleList } = await load<PeopleModule>("../../client/src/ui/people.ts");
    const sent: Sent[] = [];
    const list = peopleList(
      { send: (type, payload) => sent.push({ type, payload }) },
      table([{ id: "gone", name: NAME }]),
      "me",
    );
    expect(list.texts().filter((t) => t.includes(NAME))).toHaveLength(2);
    expect(list.elements().some((e) => e.tagName === "i")).toBe(false);
    const button = list.elements().find((e) => e.attributes.get("data-testid") === "unban-gone");
    expect(button).toBeDefined();
    for (const fn of button!.listeners.get("click") ?? []) fn({});
    expect(sent).toEqual([{ type: "unban", payload: { player: "gone" } }]);
  });

  it("defect 8: no client file parses markup except the QR code's SVG from the qrcode library", () => {
    const root = fileURLToPath(new URL("../../client/src/", import.meta.url));
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = path.join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (full.endsWith(".ts") && !full.endsWith(".test.ts")) files.push(full);
      }
    };
    walk(root);
    const sink =
      /\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write|DOMParser|createContextualFragment|srcdoc|\.html\(/;
    const found = files
      .filter((f) => sink.test(readFileSync(f, "utf8")))
      .map((f) => path.relative(root, f).split(path.sep).join("/"));
    expect(found).toEqual(["ui/lobby/invite.ts"]);
    const invite = readFileSync(path.join(root, "ui/lobby/invite.ts"), "utf8");
    expect(invite).toMatch(/QRCode\.toString\(m\.link,[\s\S]*?\.innerHTML = svg;/);
  });
});
