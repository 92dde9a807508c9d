// The simulated model world: filled in by the simulator work (see docs/simulator.md).
export {};
