/**
 * Which panels the game screen shows: the side panel's tabs (legislature, news, chat, with
 * the count of unread messages) and, on phones, the tab bar that shows one section at a time.
 */
import { h } from "../dom";
import { iconSvg } from "../icons";

export type SideTab = "laws" | "news" | "chat";
export type MobileTab = "world" | "you" | SideTab;

const SIDE_TABS: { id: SideTab; label: string; icon: string }[] = [
  { id: "laws", label: "Legislature", icon: "scales" },
  { id: "news", label: "News", icon: "news" },
  { id: "chat", label: "Chat", icon: "chat" },
];
const MOBILE_TABS: { id: MobileTab; label: string; icon: string }[] = [
  { id: "world", label: "World", icon: "valley" },
  { id: "you", label: "You", icon: "user" },
  { id: "laws", label: "Laws", icon: "scales" },
  { id: "news", label: "News", icon: "news" },
  { id: "chat", label: "Chat", icon: "chat" },
];

/** The element a side tab shows. */
export function tabPanel(id: SideTab, ...children: HTMLElement[]): HTMLElement {
  return h(
    "div",
    { class: "tabpanel", role: "tabpanel", id: `tab-${id}`, "aria-labelledby": `tabbtn-${id}` },
    ...children,
  );
}

export class GameTabs {
  /** The side panel: its tab list above the three tab panels. */
  readonly side: HTMLElement;
  /** The phone's tab bar. */
  readonly mobileBar: HTMLElement;
  private readonly sideBtns: HTMLButtonElement[];
  private readonly mobileBtns: HTMLButtonElement[];
  private sideTab: SideTab = "laws";
  private mobileTab: MobileTab = "world";
  private lastChatSeen = 0;

  /**
   * `board` carries the phone's tab in `data-mtab`; `chatCount` is how many chat messages
   * have arrived live so far (restored history does not count as unread).
   */
  constructor(
    private readonly board: HTMLElement,
    private readonly panels: Record<SideTab, HTMLElement>,
    private readonly chatCount: () => number,
  ) {
    this.sideBtns = SIDE_TABS.map((t) =>
      h(
        "button",
        {
          role: "tab",
          id: `tabbtn-${t.id}`,
          "aria-controls": `tab-${t.id}`,
          "data-testid": `tab-${t.id}`,
          onclick: () => this.setSide(t.id),
          onkeydown: (e: KeyboardEvent) => this.tabKeys(e, t.id),
        },
        iconSvg(t.icon),
        t.label,
      ),
    );
    this.side = h(
      "section",
      { class: "panel area-side", "data-tut": "side", "aria-label": "Legislature, news and chat" },
      h("div", { class: "tabs", role: "tablist", "aria-label": "Side panels" }, this.sideBtns),
      h("div", { style: "min-height:0;overflow:auto" }, panels.laws, panels.news, panels.chat),
    );
    this.mobileBtns = MOBILE_TABS.map((t) =>
      h(
        "button",
        { role: "tab", "data-testid": `mtab-${t.id}`, onclick: () => this.setMobile(t.id) },
        iconSvg(t.icon, 20),
        t.label,
      ),
    );
    this.mobileBar = h(
      "nav",
      { class: "mobile-tabs", role: "tablist", "aria-label": "Screen sections" },
      this.mobileBtns,
    );
  }

  get mobile(): MobileTab {
    return this.mobileTab;
  }

  setSide(tab: SideTab): void {
    this.sideTab = tab;
    this.sideBtns.forEach((b, i) => {
      b.setAttribute("aria-selected", SIDE_TABS[i]!.id === tab ? "true" : "false");
      b.setAttribute("tabindex", SIDE_TABS[i]!.id === tab ? "0" : "-1");
    });
    this.panels.laws.hidden = tab !== "laws";
    this.panels.news.hidden = tab !== "news";
    this.panels.chat.hidden = tab !== "chat";
    if (tab === "chat") this.lastChatSeen = this.chatCount();
    this.updateBadges();
  }

  setMobile(tab: MobileTab): void {
    this.mobileTab = tab;
    this.board.dataset.mtab = tab;
    this.mobileBtns.forEach((b, i) => {
      b.setAttribute("aria-selected", MOBILE_TABS[i]!.id === tab ? "true" : "false");
    });
    if (tab === "laws" || tab === "news" || tab === "chat") this.setSide(tab);
  }

  /** Hides the phone's "You" tab (a spectator has no seat to show). */
  hideYou(hidden: boolean): void {
    this.mobileBtns[1]!.hidden = hidden;
  }

  /** After a new state: messages read while the chat is open, and the unread count. */
  update(chatBefore: number, chatNow: number): void {
    if (this.sideTab === "chat") this.lastChatSeen = chatNow;
    if (chatBefore !== chatNow) this.updateBadges();
  }

  private tabKeys(e: KeyboardEvent, current: SideTab): void {
    const i = SIDE_TABS.findIndex((t) => t.id === current);
    const next = e.key === "ArrowRight" ? (i + 1) % 3 : e.key === "ArrowLeft" ? (i + 2) % 3 : -1;
    if (next >= 0) {
      this.setSide(SIDE_TABS[next]!.id);
      this.sideBtns[next]!.focus();
    }
  }

  private updateBadges(): void {
    const unread = this.sideTab === "chat" ? 0 : this.chatCount() - this.lastChatSeen;
    this.sideBtns[2]!.lastChild!.textContent = unread > 0 ? `Chat (${unread})` : "Chat";
  }
}
