import { describe, expect, it } from "vitest";
import {
  forgetStudent,
  loadFacilitator,
  loadStudent,
  saveFacilitator,
  saveStudent,
} from "./workshopSession";

function memory(): Storage {
  const m = new Map<string, string>();
  return {
    get length() {
      return m.size;
    },
    clear: () => m.clear(),
    getItem: (k) => m.get(k) ?? null,
    key: (i) => [...m.keys()][i] ?? null,
    removeItem: (k) => void m.delete(k),
    setItem: (k, v) => void m.set(k, v),
  };
}

describe("a workshop's student in this browser", () => {
  it("keeps the token under attractor.workshop.CODE until forgotten", () => {
    const st = memory();
    saveStudent("k3p7qa", { token: "t", nickname: "Swift Otter 4", student: "s" }, st);
    expect(st.getItem("attractor.workshop.K3P7QA")).not.toBeNull();
    expect(loadStudent("K3P7QA", st)).toEqual({
      token: "t",
      nickname: "Swift Otter 4",
      student: "s",
    });
    forgetStudent("K3P7QA", st);
    expect(loadStudent("K3P7QA", st)).toBeNull();
  });
  it("ignores what is not a saved student", () => {
    const st = memory();
    st.setItem("attractor.workshop.K3P7QA", "{not json");
    expect(loadStudent("K3P7QA", st)).toBeNull();
    st.setItem("attractor.workshop.K3P7QA", JSON.stringify({ token: "" }));
    expect(loadStudent("K3P7QA", st)).toBeNull();
  });
});

describe("the facilitator in this browser", () => {
  it("keeps the projector's key when the same secret is saved again without it", () => {
    const st = memory();
    saveFacilitator("K3P7QA", { secret: "s", projectorKey: "k" }, st);
    saveFacilitator("K3P7QA", { secret: "s", projectorKey: null }, st);
    expect(loadFacilitator("K3P7QA", st)).toEqual({ secret: "s", projectorKey: "k" });
    saveFacilitator("K3P7QA", { secret: "other", projectorKey: null }, st);
    expect(loadFacilitator("K3P7QA", st)).toEqual({ secret: "other", projectorKey: null });
  });
});
