export * from './conditions';
export * from './conditions.schema';
