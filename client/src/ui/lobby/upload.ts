/**
 * The host's scenario upload: a JSON file is sent to the server, which validates it; the
 * errors it lists are shown as they are, and an accepted scenario is chosen for the table.
 */
import type { Controller } from "../../app/controller";
import type { UploadedScenario } from "../../model/lobby";
import { h } from "../dom";

/** Uploaded scenarios this browser knows the name of (id → name and description). */
export const uploaded: Record<string, UploadedScenario> = {};

export interface UploadMessage {
  ok: boolean;
  lines: string[];
}
/** What the last upload said, kept across re-renders of the settings panel. */
let uploadMessage: UploadMessage | null = null;

export function uploadControl(c: Controller): HTMLElement {
  const status = h("div", { "aria-live": "polite", "data-testid": "scenario-upload-status" });
  const show = () => showMessage(status, uploadMessage);
  show();
  return h(
    "div",
    { class: "stack", style: "gap:4px;min-width:0" },
    h("label", { for: "scenario-file" }, "Or upload a scenario (JSON)"),
    h("input", {
      type: "file",
      id: "scenario-file",
      style: "max-width:100%;min-width:0;font-size:.85rem",
      accept: "application/json,.json",
      "data-testid": "scenario-file",
      onchange: async (e: Event) => {
        const file = (e.target as HTMLInputElement).files?.[0];
        if (!file) return;
        uploadMessage = { ok: true, lines: [`Checking ${file.name}…`] };
        show();
        const result = await upload(file);
        uploadMessage = result.message;
        if (result.chosen) c.send("configure", { scenario: result.chosen });
        show();
      },
    }),
    h(
      "a",
      { href: "/api/scenarios/standard", download: "attractor-standard.json", class: "fineprint" },
      "Download the Standard scenario as a template",
    ),
    status,
  );
}

export function showMessage(status: HTMLElement, message: UploadMessage | null): void {
  status.replaceChildren();
  if (!message) return;
  const [first, ...rest] = message.lines;
  status.append(
    h("p", { class: message.ok ? "fineprint" : "error-text", style: "margin:4px 0" }, first ?? ""),
  );
  if (rest.length > 0) {
    status.append(
      h(
        "ul",
        { class: "error-text", style: "margin:0;padding-left:1.1em;font-size:.85rem" },
        rest.map((l) => h("li", {}, l)),
      ),
    );
  }
}

/** Checks the file with the server, then uploads it; `chosen` is the accepted scenario's id. */
export async function upload(file: File): Promise<{ message: UploadMessage; chosen?: string }> {
  try {
    if (file.size > 64 * 1024) throw new RangeError("too large");
    const text = await file.text();
    const post = (url: string) =>
      fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: text,
      });
    // Check first (always answered 200), so a refused file is not a failed request.
    const verdict = (await (await post("/api/scenarios/check")).json()) as {
      ok: boolean;
      errors?: string[];
    };
    if (!verdict.ok) {
      const lines = ["The server refused this scenario:", ...(verdict.errors ?? [])];
      return { message: { ok: false, lines } };
    }
    const res = await post("/api/scenarios");
    const body = (await res.json()) as {
      id?: string;
      name?: string;
      description?: string;
      message?: string;
    };
    if (res.status === 201 && body.id) {
      uploaded[body.id] = { name: body.name ?? body.id, description: body.description ?? "" };
      const lines = [`Using “${body.name}”. Its id, to reuse it: ${body.id}`];
      return { message: { ok: true, lines }, chosen: body.id };
    }
    return {
      message: { ok: false, lines: [body.message ?? `The upload failed (${res.status}).`] },
    };
  } catch (err) {
    const line =
      err instanceof RangeError
        ? "That file is over 64 KB: a scenario is much smaller."
        : "The upload failed: is the server reachable?";
    return { message: { ok: false, lines: [line] } };
  }
}
