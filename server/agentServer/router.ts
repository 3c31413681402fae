import express from "express";
import type { AppDeps } from "../deps.ts";

/** The LangGraph Agent Server API subset (being built on the agent-api branch). */
export function createAgentServerRouter(deps: AppDeps): express.Router {
  void deps;
  return express.Router();
}
