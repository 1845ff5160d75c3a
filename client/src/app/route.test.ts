import { describe, expect, it } from "vitest";
import { addressOf, isWorkshopCode, type Page, pageOf } from "./route";

describe("pageOf", () => {
  it("reads every workshop page from its address, secrets from the fragment", () => {
    expect(pageOf("?view=workshop-setup", "")).toEqual({ screen: "workshop-setup" });
    expect(pageOf("?workshop=k3p7qa", "")).toEqual({ screen: "workshop-join", code: "K3P7QA" });
    expect(pageOf("?workshop=K3P7QA", "#secret=abc")).toEqual({
      screen: "cockpit",
      code: "K3P7QA",
      secret: "abc",
    });
    expect(pageOf("?workshop=K3P7QA&view=projector", "#key=k")).toEqual({
      screen: "projector",
      code: "K3P7QA",
      key: "k",
    });
    expect(pageOf("?workshop=K3P7QA&view=debrief", "#secret=s")).toEqual({
      screen: "wdebrief",
      code: "K3P7QA",
      secret: "s",
    });
    expect(pageOf("?view=watch&table=abcde", "#token=t")).toEqual({
      screen: "watch",
      table: "ABCDE",
      token: "t",
    });
  });

  it("leaves the title and the tables' links alone", () => {
    expect(pageOf("", "")).toBeNull();
    expect(pageOf("?join=K3P7Q", "")).toBeNull();
    expect(pageOf("?view=watch&table=K3P7Q", "")).toBeNull();
  });

  it("never puts a secret in the query", () => {
    const pages: Page[] = [
      { screen: "cockpit", code: "K3P7QA", secret: "S" },
      { screen: "projector", code: "K3P7QA", key: "K" },
      { screen: "wdebrief", code: "K3P7QA", secret: "S" },
      { screen: "watch", table: "K3P7Q", token: "T" },
    ];
    for (const p of pages) {
      const a = addressOf(p);
      const [query] = a.split("#");
      expect(query).not.toMatch(/=[SKT]$|secret|key=|token/);
      const url = new URL(a, "http://x");
      expect(pageOf(url.search, url.hash)).toEqual(p);
    }
  });
});

describe("isWorkshopCode", () => {
  it("is six characters of the code alphabet", () => {
    expect(isWorkshopCode("K3P7QA")).toBe(true);
    expect(isWorkshopCode("K3P7Q")).toBe(false);
    expect(isWorkshopCode("K3P7Q0")).toBe(false);
  });
});
