export * from './coordination';
export * from './organisation';
export * from './petitions';
export * from './deadlines';
export * from './numbers';
export * from './tallies';
export * from './attachments';
