/**
 * The lobby's invitation card: the join code large, the link to copy, a QR code of the link,
 * how to play, the guided tour (offered here, where no clock runs) and leave.
 */
import QRCode from "qrcode";
import type { Controller } from "../../app/controller";
import { STUDENT_TEXT } from "../../model/cockpit";
import type { LobbyModel } from "../../model/lobby";
import { h, renderIf, spelledCode } from "../dom";
import { openHowTo } from "../howto";
import { iconSvg } from "../icons";
import { startTour, TOUR_OFFERS } from "../tutorial";

export class InviteCard {
  readonly el = h("div", { class: "card", style: "grid-column:1/-1" });
  private readonly qr = h("div", {
    class: "qr",
    role: "img",
    "aria-label": "QR code of the join link",
  });
  private qrFor = "";

  constructor(private readonly c: Controller) {}

  /** `workshop`: a workshop student's workshop code (the table is seated by it, not shared). */
  update(m: LobbyModel, workshop: string | null = null): void {
    if (workshop) {
      renderIf(this.el, JSON.stringify(["workshop", workshop, m.code]), () => [
        workshopInvite(workshop, m.code, this.c),
        tourOffer(),
      ]);
      return;
    }
    if (this.qrFor !== m.link) {
      this.qrFor = m.link;
      void QRCode.toString(m.link, {
        type: "svg",
        margin: 1,
        color: { dark: "#0b1120", light: "#ffffff" },
      }).then((svg) => {
        this.qr.innerHTML = svg;
      });
    }
    renderIf(this.el, JSON.stringify([m.code, m.link, m.isHost]), () => [
      h(
        "div",
        { class: "row", style: "align-items:flex-start;gap:24px" },
        h(
          "div",
          { class: "grow stack" },
          h("h1", { style: "font-size:1.2rem;color:var(--muted)" }, "Private game · join code"),
          spelledCode(
            "div",
            { class: "joincode", "data-testid": "join-code" },
            "Join code",
            m.code,
          ),
          this.linkRow(m.link),
          h(
            "p",
            { class: "fineprint" },
            "Friends type the code on the title screen, scan the QR code, or open the link.",
          ),
        ),
        this.qr,
      ),
      tourOffer(),
    ]);
  }

  private linkRow(link: string): HTMLElement {
    const c = this.c;
    return h(
      "div",
      { class: "row" },
      h("input", {
        type: "text",
        readonly: true,
        value: link,
        "aria-label": "Join link",
        class: "grow",
        style: "max-width:420px",
        id: "join-link",
      }),
      h(
        "button",
        {
          class: "btn",
          "data-testid": "copy-link",
          onclick: () => {
            void navigator.clipboard?.writeText(link).then(
              () => c.store.toast("Link copied."),
              () => c.store.toast("Copy the link from the box."),
            );
          },
        },
        iconSvg("copy"),
        "Copy link",
      ),
      h(
        "button",
        { class: "btn ghost", onclick: () => openHowTo() },
        iconSvg("help"),
        "How to play",
      ),
      h("button", { class: "btn ghost", onclick: () => c.leave() }, "Leave"),
    );
  }
}

/** A workshop's table: who seats people (the workshop), who starts (the facilitator). */
function workshopInvite(workshop: string, table: string, c: Controller): HTMLElement {
  return h(
    "div",
    { class: "row", style: "align-items:flex-start;gap:24px" },
    h(
      "div",
      { class: "grow stack" },
      h(
        "h1",
        { style: "font-size:1.2rem;color:var(--muted)" },
        `Workshop ${workshop} · your table`,
      ),
      spelledCode("div", { class: "joincode", "data-testid": "join-code" }, "Table", table),
      h("p", { class: "fineprint" }, STUDENT_TEXT.lobby),
    ),
    h(
      "div",
      { class: "row" },
      h(
        "button",
        { class: "btn ghost", onclick: () => openHowTo() },
        iconSvg("help"),
        "How to play",
      ),
      h("button", { class: "btn ghost", onclick: () => c.leave() }, "Leave"),
    ),
  );
}

/** The tour, offered in the lobby: it names the host's Pause button. */
function tourOffer(): HTMLElement {
  const offer = TOUR_OFFERS[0]!;
  return h(
    "div",
    { class: "tour-offer", "data-testid": "lobby-tour-offer", style: "margin-top:14px" },
    h("p", {}, h("b", {}, offer.title), " ", offer.text),
    h(
      "button",
      {
        class: "btn",
        "data-testid": "lobby-tour",
        onclick: () => startTour({ preview: true }),
      },
      iconSvg("help"),
      "Take the guided tour",
    ),
  );
}
