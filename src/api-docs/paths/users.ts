import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { invitedUser, meView, userList, userView } from '../../workspaces/users/user-view.schema';
import {
  objectIdParam,
  userInvitation,
  userListQuery,
  userPatch,
} from '../../workspaces/users/users.schema';
import { json, jsonBody, operation, problems } from '../kit';

const tag = 'Users';
const admins = { key: 'admin', session: true } as const;

export function registerUsers(r: OpenAPIRegistry): void {
  operation(r, {
    method: 'get',
    path: '/api/v1/me',
    tag,
    access: { key: 'any', session: true },
    summary: 'Who is calling: the API key or the signed-in user',
    responses: { 200: json('The caller', meView) },
  });
  operation(r, {
    method: 'get',
    path: '/api/v1/users',
    tag,
    access: admins,
    summary: 'List users (admins and managers)',
    request: { query: userListQuery },
    responses: { 200: json('The users', userList), ...problems(400) },
  });
  operation(r, {
    method: 'get',
    path: '/api/v1/users/{id}',
    tag,
    access: admins,
    summary: 'Read a user (admins and managers)',
    request: { params: objectIdParam },
    responses: { 200: json('The user', userView), ...problems(400, 404) },
  });
  operation(r, {
    method: 'post',
    path: '/api/v1/users',
    tag,
    access: admins,
    summary: 'Invite a user by email',
    request: {
      body: jsonBody(userInvitation, {
        email: 'ana@example.com',
        name: 'Ana Martin',
        role: 'agent',
        teams: ['support-fr'],
      }),
    },
    responses: { 201: json('Invited', invitedUser), ...problems(400, 409) },
  });
  operation(r, {
    method: 'patch',
    path: '/api/v1/users/{id}',
    tag,
    access: admins,
    summary: "Change a user's name, role, teams or active flag",
    request: { params: objectIdParam, body: jsonBody(userPatch, { role: 'manager' }) },
    responses: { 200: json('The changed user', userView), ...problems(400, 404, 409) },
  });
}
