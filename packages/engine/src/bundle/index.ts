export * from './dataset';
export * from './envelope';
