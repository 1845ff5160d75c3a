/**
 * A student's join page (`/?workshop=CODE`): the workshop in a line, a nickname offered at
 * random (nothing personal), and Join. The workshop seats the student; their token is kept in
 * this browser, so a reload takes the same seat back without asking again.
 */
import type { StudentSeat, WorkshopAbout } from "../../../../shared/workshop";
import type { Controller } from "../../app/controller";
import type { AppState } from "../../app/store";
import { forgetStudent, loadFacilitator, loadStudent } from "../../app/workshopSession";
import { STUDENT_TEXT } from "../../model/cockpit";
import { aboutWorkshop, joinWorkshop, WorkshopApiError } from "../../net/workshopApi";
import { h } from "../dom";
import { iconSvg } from "../icons";
import { validName } from "../title/validate";

const WAIT_MS = 3000;

export function mountWorkshopJoin(root: HTMLElement, c: Controller) {
  const page = c.store.get().page;
  const code = page?.screen === "workshop-join" ? page.code : "";
  const status = h("p", { role: "status", class: "ws-status", "data-testid": "join-status" });
  const err = h("p", { class: "error-text", role: "alert", "data-testid": "join-error" });
  const body = h("div", { class: "stack" });
  const card = h(
    "section",
    { class: "card stack ws-narrow", "aria-labelledby": "ws-join-title" },
    h("h1", { id: "ws-join-title" }, `Workshop ${code}`),
    status,
    body,
    err,
  );
  root.append(h("main", { class: "ws-page", "data-screen": "workshop-join" }, card));
  let timer: ReturnType<typeof setTimeout> | null = null;
  let gone = false;

  const problemOf = (x: unknown) =>
    x instanceof WorkshopApiError ? x.message : "The server did not answer. Try again.";

  /** Seated (or watching): join the table; with no table yet, ask again in a moment. */
  const take = async (seat: StudentSeat) => {
    if (gone) return;
    if (!seat.table || !seat.live) {
      status.textContent = `You are ${seat.nickname}. Your table is being set up: wait a moment…`;
      timer = setTimeout(() => void again(seat.token), WAIT_MS);
      return;
    }
    status.textContent = seat.watching
      ? `You are ${seat.nickname}. Every seat is taken, so you will watch table ${seat.table}.`
      : `You are ${seat.nickname}. Taking your seat at table ${seat.table}…`;
    const problem = await c.joinWorkshopTable(seat);
    if (problem && !gone) {
      err.textContent = `Joining your table did not work: ${problem}`;
      body.replaceChildren(retryButton(() => void again(seat.token)));
    }
  };

  const again = async (token: string) => {
    err.textContent = "";
    body.replaceChildren();
    status.textContent = "Taking your seat back…";
    try {
      await take(await joinWorkshop(code, { token }));
    } catch (x) {
      if (x instanceof WorkshopApiError && (x.status === 403 || x.status === 404)) {
        forgetStudent(code);
        if (x.status === 403) {
          status.textContent = "";
          err.textContent = "The facilitator removed you from this workshop.";
          return;
        }
      }
      err.textContent = problemOf(x);
      body.replaceChildren(retryButton(() => void again(token)));
    }
  };

  const ask = async () => {
    status.textContent = "Looking up the workshop…";
    let about: WorkshopAbout;
    try {
      about = await aboutWorkshop(code);
    } catch (x) {
      status.textContent = "";
      err.textContent =
        x instanceof WorkshopApiError && x.status === 404
          ? `There is no workshop ${code}. Check the code with your teacher.`
          : problemOf(x);
      body.replaceChildren(retryButton(() => void ask()));
      return;
    }
    status.textContent = `${about.format.minutes}-minute lesson · ${about.format.rounds} rounds · ${about.students} ${about.students === 1 ? "student has" : "students have"} joined.`;
    body.replaceChildren(nicknameForm(about.nickname, code, take, err));
  };

  const saved = loadStudent(code);
  if (saved) void again(saved.token);
  else void ask();
  // The facilitator's own browser: a way back to the cockpit.
  const mine = loadFacilitator(code);
  if (mine)
    card.append(
      h(
        "p",
        { class: "fineprint" },
        "You made this workshop. ",
        h(
          "a",
          {
            href: `/?workshop=${code}#secret=${encodeURIComponent(mine.secret)}`,
            onclick: (e: Event) => {
              e.preventDefault();
              c.openPage({ screen: "cockpit", code, secret: mine.secret });
            },
          },
          "Open the cockpit",
        ),
      ),
    );

  return {
    update(_s: AppState) {},
    destroy() {
      gone = true;
      if (timer) clearTimeout(timer);
    },
  };
}

function nicknameForm(
  offered: string,
  code: string,
  take: (seat: StudentSeat) => Promise<void>,
  err: HTMLElement,
): HTMLElement {
  const name = h("input", {
    type: "text",
    id: "ws-nickname",
    maxlength: 24,
    value: offered,
    autocomplete: "off",
    "aria-describedby": "ws-nickname-help",
    "data-testid": "nickname",
  });
  const join = h(
    "button",
    { class: "btn primary", type: "submit", "data-testid": "workshop-join" },
    iconSvg("arrow"),
    "Join",
  );
  return h(
    "form",
    {
      class: "stack",
      onsubmit: async (e: Event) => {
        e.preventDefault();
        const problem = validName(name.value);
        if (problem) {
          err.textContent = problem;
          name.focus();
          return;
        }
        err.textContent = "";
        join.disabled = true;
        try {
          await take(await joinWorkshop(code, { nickname: name.value.trim() }));
        } catch (x) {
          err.textContent = joinProblem(x);
          join.disabled = false;
          name.focus();
        }
      },
    },
    h("label", { for: "ws-nickname" }, "Your nickname"),
    h("div", { class: "row" }, h("div", { class: "grow" }, name), join),
    h(
      "button",
      {
        class: "btn small ghost",
        type: "button",
        "data-testid": "another-name",
        style: "justify-self:start",
        onclick: async () => {
          try {
            name.value = (await aboutWorkshop(code)).nickname;
          } catch {
            err.textContent = "No new name came back. Type one yourself.";
          }
        },
      },
      "Give me another name",
    ),
    h("p", { id: "ws-nickname-help", class: "fineprint" }, STUDENT_TEXT.nickname),
  );
}

function joinProblem(x: unknown): string {
  if (!(x instanceof WorkshopApiError)) return "The server did not answer. Try again.";
  switch (x.code) {
    case "name_taken":
      return "Someone already has that nickname. Pick another one.";
    case "filtered":
      return "That nickname is not allowed. Pick another one.";
    case "workshop_full":
      return "This workshop is full. Ask your teacher.";
    default:
      return x.message;
  }
}

function retryButton(again: () => void): HTMLElement {
  return h(
    "button",
    { class: "btn", type: "button", onclick: again },
    iconSvg("arrow"),
    "Try again",
  );
}
