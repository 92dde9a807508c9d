// Public API of the studio's optimization: the driver, its state, the panel's pieces.

export { BlameLegend } from './BlameLegend';
export { backwardFrameProps, blameColour, parseLook } from './blame-style';
export { backwardLookOf, OptimizeProvider, useBackwardLook, useOptimize, useOptimizeDriver } from './context';
export { createOptimizeDriver, type DriverDeps, type OptimizeDriver } from './driver';
export * from './form';
export * from './optimize-state';
export { formatEta, runProgress } from './progress';
export { ResumeBanner } from './ResumeBanner';
