/**
 * The title screen (plain DOM, no Phaser): play solo, create a private game, join with a code,
 * how to play. Its hero, start card, role choice and input checks live in title/.
 */
import type { Controller } from "../app/controller";
import type { AppState } from "../app/store";
import { rememberedName } from "../net/session";
import { h } from "./dom";
import { titleHero } from "./title/hero";
import { startCard } from "./title/start";
import { normaliseCode } from "./title/validate";

export function mountTitle(root: HTMLElement, c: Controller) {
  const params = new URLSearchParams(location.search);
  const linkCode = normaliseCode(params.get("join") ?? params.get("code") ?? "");
  const start = startCard(c, linkCode);
  root.append(h("main", { class: "title", "data-screen": "title" }, titleHero(), start.el));
  // From a join link: the name if it is missing, else Join itself.
  const joinButton = start.el.querySelector<HTMLButtonElement>("[data-testid=join]");
  if (linkCode) (rememberedName() ? (joinButton ?? start.code) : start.name).focus();
  return {
    update(_s: AppState) {},
    destroy() {},
  };
}
