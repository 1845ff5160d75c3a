/**
 * The game board's panels around the landscape (the seat's dashboard, the chart, the risks,
 * and the legislature, news and chat behind the side tabs), drawn from each new state.
 */
import type { Controller } from "../../app/controller";
import type { AppState } from "../../app/store";
import { h } from "../dom";
import { renderChart } from "../panels/chart";
import { ChatPanel } from "../panels/chat";
import { Dashboard } from "../panels/dashboard";
import { renderLegislature } from "../panels/legislature";
import { renderNews } from "../panels/news";
import { renderRisks } from "../panels/risks";
import { type SideTab, tabPanel } from "./tabs";

export class BoardPanels {
  readonly dashboard: Dashboard;
  readonly chart = h("section", {
    class: "panel",
    "data-tut": "chart",
    "aria-label": "Chart",
    // It scrolls when the chart is taller than its box: keyboard users scroll it too.
    tabindex: "0",
  });
  // It scrolls on a laptop, where the map takes most of the column: keyboard users scroll it too.
  readonly risks = h("section", { class: "panel", "aria-label": "Risks", tabindex: "0" });
  /** The side tabs' panels. */
  readonly side: Record<SideTab, HTMLElement>;
  private readonly chat: ChatPanel;

  constructor(private readonly c: Controller) {
    this.dashboard = new Dashboard(c);
    this.chat = new ChatPanel(c);
    this.side = {
      laws: tabPanel("laws"),
      news: tabPanel("news"),
      chat: tabPanel("chat", this.chat.el),
    };
  }

  update(s: AppState): void {
    this.dashboard.update(s);
    renderChart(this.chart, s);
    renderRisks(this.risks, s);
    renderLegislature(this.side.laws, s, this.c);
    renderNews(this.side.news, s);
    this.chat.update(s);
  }
}
