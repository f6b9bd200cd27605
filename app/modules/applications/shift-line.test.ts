import { describe, expect, it } from "vitest";
import { inShiftLine, LINE_WIDTH, lineLength } from "./shift-line.server";

/** An application whose work ends when the test says so, recording when it began. */
function application(log: string[], name: string) {
  let finish!: (value?: unknown) => void;
  let fail!: (error: Error) => void;
  const done = new Promise((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  return {
    run: () => {
      log.push(name);
      return done;
    },
    finish: () => finish(),
    fail: (error: Error) => fail(error),
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("the line in memory for a shift's places", () => {
  it("lets one application per shift at a time go ahead, the others in the order they came", async () => {
    const log: string[] = [];
    const [a, b, c] = ["a", "b", "c"].map((name) => application(log, name));
    const runs = [a, b, c].map((x) => inShiftLine([101], x.run, undefined, 1));
    await settle();
    expect(log).toEqual(["a"]);
    expect(lineLength(101)).toBe(3);
    a.finish();
    await settle();
    expect(log).toEqual(["a", "b"]);
    b.finish();
    await settle();
    expect(log).toEqual(["a", "b", "c"]);
    c.finish();
    await Promise.all(runs);
    expect(lineLength(101)).toBe(0);
  });

  it("does not make applications to different shifts wait for each other", async () => {
    const log: string[] = [];
    const a = application(log, "a");
    const b = application(log, "b");
    const runs = [inShiftLine([201], a.run), inShiftLine([202], b.run)];
    await settle();
    expect(log).toEqual(["a", "b"]);
    a.finish();
    b.finish();
    await Promise.all(runs);
  });

  it("passes the turn on when an application fails", async () => {
    const log: string[] = [];
    const a = application(log, "a");
    const b = application(log, "b");
    const first = inShiftLine([301], a.run, undefined, 1);
    const second = inShiftLine([301], b.run, undefined, 1);
    a.fail(new Error("the database went away"));
    await expect(first).rejects.toThrow("the database went away");
    await settle();
    expect(log).toEqual(["a", "b"]);
    b.finish();
    await second;
    expect(lineLength(301)).toBe(0);
  });

  it("takes several dates' turns in one order, so applications naming them in any order both get through", async () => {
    const log: string[] = [];
    const a = application(log, "a");
    const b = application(log, "b");
    const runs = [inShiftLine([402, 401], a.run, undefined, 1), inShiftLine([401, 402], b.run, undefined, 1)];
    await settle();
    // Had each taken the first date it named, each would wait for the other for good.
    expect(log).toEqual(["a"]);
    a.finish();
    await settle();
    expect(log).toEqual(["a", "b"]);
    b.finish();
    await Promise.all(runs);
    expect([lineLength(401), lineLength(402)]).toEqual([0, 0]);
  });

  it("lets the next go ahead when an application holds the turn too long", async () => {
    const log: string[] = [];
    const stuck = application(log, "stuck");
    const next = application(log, "next");
    const runs = [inShiftLine([501], stuck.run, 20, 1), inShiftLine([501], next.run, 20, 1)];
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(log).toEqual(["stuck", "next"]);
    next.finish();
    stuck.finish();
    await Promise.all(runs);
    expect(lineLength(501)).toBe(0);
  });

  it("runs at once an application that names no shift", async () => {
    expect(await inShiftLine([], async () => "ran")).toBe("ran");
  });

  it("lets as many go ahead at once as the line is wide, and the next when one of them ends", async () => {
    expect(LINE_WIDTH).toBe(2);
    const log: string[] = [];
    const [a, b, c] = ["a", "b", "c"].map((name) => application(log, name));
    const runs = [a, b, c].map((x) => inShiftLine([601], x.run));
    await settle();
    expect(log).toEqual(["a", "b"]);
    expect(lineLength(601)).toBe(3);
    b.finish();
    await settle();
    expect(log).toEqual(["a", "b", "c"]);
    a.finish();
    c.finish();
    await Promise.all(runs);
    expect(lineLength(601)).toBe(0);
  });
});
