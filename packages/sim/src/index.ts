// The simulated model world: a deterministic skill world that reads only the messages it is sent
// (see docs/simulator.md). The HTTP server is exported separately from '@backflow/sim/server', and
// the helpers for tests and benchmarks elsewhere from '@backflow/sim/testing'.

export { type RealisticAnswersOptions, withRealisticAnswers } from './realistic/realistic-model';
export {
  createSimulatedModel,
  type SimulatedEndpointDefaults,
  type SimulatedModelOptions,
  simulatedModelFor,
} from './world/sim-model';
