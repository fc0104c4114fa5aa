export { createOutboxDrainer, type OutboxDrainer } from './drain';
export { outboxEntryModel } from './outbox-entry.model';
export { OutboxQueue, type ParkJob } from './outbox-queue';
export { createJobParking } from './park';
