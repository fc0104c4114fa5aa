export {
  createTasksService,
  type TasksService,
  type NewTask,
  type InboxTab,
  type Page,
} from './tasks.service';
export { tasksRoutes } from './tasks.routes';
export {
  createUserDirectory,
  type UserDirectory,
  type DirectoryUser,
  type UserRole,
} from './user-directory';
export { createMailer, type Mailer, type StaffMail } from './mailer';
export {
  addBusinessHours,
  DEFAULT_OPENING,
  DEFAULT_WORKING_DAYS,
  type BusinessCalendar,
} from './business-hours';
export { slaJob, SLA_JOB_NAME, type SlaJob } from './sla';
export { taskOutcome, taskPatch, type TaskOutcome, type TaskPatch } from './tasks.schema';
export type { TaskView } from './task-view';
export type { TaskStatus } from './task.model';
export { TASK_PRIORITIES } from './task.model';
