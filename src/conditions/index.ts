export * from './conditions';
export * from './conditions.schema';
export * from './condition-form';
export * from './condition-builder-view';
export * from './describe-condition';
