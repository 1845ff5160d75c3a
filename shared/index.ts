/**
 * The rules' public surface: what the server, the client, the bots' host and the tests use.
 */
export * from "./actions";
export * from "./bots";
export * from "./create";
export * from "./game";
export * from "./hash";
export * from "./injects";
export * from "./log";
export * from "./presets";
export * from "./regulations";
export * from "./scenario";
export * from "./scoring";
export * from "./state";
export * from "./views";
export * from "./vocabulary";
