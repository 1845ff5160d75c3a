/**
 * The title screen's choice of role for a solo game: three toggle buttons, government first.
 */
import { h } from "../dom";
import { iconSvg } from "../icons";

export type SoloRole = "government" | "lab" | "company";

const ROLE_CHOICES: { role: SoloRole; label: string; icon: string; help: string }[] = [
  {
    role: "government",
    label: "Government",
    icon: "government",
    help: "Pass laws, set taxes, measure welfare. Your score: approval.",
  },
  {
    role: "lab",
    label: "AI lab",
    icon: "lab",
    help: "Race for capability or invest in safety. Your score: lead and revenue.",
  },
  {
    role: "company",
    label: "Company",
    icon: "company",
    help: "Set your firm's levers. Your score: profit.",
  },
];

/** The buttons, and the role chosen now; `changed` hears each new choice. */
export function rolePicker(changed: (role: SoloRole) => void = () => {}): {
  buttons: HTMLButtonElement[];
  role: () => SoloRole;
} {
  let role: SoloRole = "government";
  const buttons = ROLE_CHOICES.map((r) =>
    h(
      "button",
      {
        class: "btn",
        type: "button",
        "aria-pressed": r.role === role ? "true" : "false",
        title: r.help,
        "data-testid": `solo-role-${r.role}`,
        onclick: () => {
          role = r.role;
          for (const [i, b] of buttons.entries())
            b.setAttribute("aria-pressed", ROLE_CHOICES[i]!.role === role ? "true" : "false");
          changed(role);
        },
      },
      iconSvg(r.icon, 22),
      r.label,
    ),
  );
  return { buttons, role: () => role };
}
