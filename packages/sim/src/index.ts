// The simulated model world: a deterministic skill world that reads only the messages it is sent
// (see docs/simulator.md). The HTTP server is exported separately from '@backflow/sim/server', and
// the helpers for tests and benchmarks elsewhere from '@backflow/sim/testing'.

export { type RealisticAnswersOptions, withRealisticAnswers } from './realistic/realistic-model';
export { forwardAnswer } from './world/forward';
export { applySkills, parseSkills } from './world/parse';
export { answerTask, readTask, respond, type WorldOptions } from './world/respond';
export { type Fault, type FaultQuery, locateFault } from './world/search/fault';
export { findRepair, type RepairPair, type RepairResult } from './world/search/repair';
export { createSimulatedModel, type SimulatedModelOptions } from './world/sim-model';
export { SKILLS } from './world/skills/catalogue';
export type { LocatedStep, Skill, SkillParams, SkillStep } from './world/skills/types';
export { placeholders, renderTemplate } from './world/template';
