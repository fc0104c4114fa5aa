import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { taskPage, taskView } from '../../tasks/task-view.schema';
import { taskListQuery, taskPatch } from '../../tasks/tasks.schema';
import { objectIdParam } from '../../workspaces/workspaces.schema';
import { json, jsonBody, operation, problems } from '../kit';

const tag = 'Tasks';
const access = { key: 'tasks' } as const;

export function registerTasks(r: OpenAPIRegistry): void {
  operation(r, {
    method: 'get',
    path: '/api/v1/tasks',
    tag,
    access,
    summary: 'List follow-up tasks, cursor-paged',
    request: { query: taskListQuery },
    responses: { 200: json('One page of tasks', taskPage), ...problems(400) },
  });
  operation(r, {
    method: 'get',
    path: '/api/v1/tasks/{id}',
    tag,
    access,
    summary: 'Read a task, with its notes and history',
    request: { params: objectIdParam },
    responses: { 200: json('The task', taskView), ...problems(400, 404) },
  });
  operation(r, {
    method: 'patch',
    path: '/api/v1/tasks/{id}',
    tag,
    access,
    summary: 'Start, reassign, annotate or resolve a task',
    request: {
      params: objectIdParam,
      body: jsonBody(taskPatch, {
        status: 'resolved',
        outcome: { reachedCustomer: true, problemFixed: 'yes', sentiment: 'positive' },
      }),
    },
    responses: { 200: json('The changed task', taskView), ...problems(400, 404, 409) },
  });
}
