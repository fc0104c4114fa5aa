import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { contactView } from '../../contacts/contact-view.schema';
import { json, operation, problems } from '../kit';

export function registerContacts(r: OpenAPIRegistry): void {
  operation(r, {
    method: 'get',
    path: '/api/v1/contacts/{id}',
    tag: 'Contacts',
    access: { key: 'contacts:read' },
    summary: 'Read a contact, with its per-channel opt-outs',
    request: { params: z.object({ id: z.string().meta({ example: '6650c0ffee0000000000a1b2' }) }) },
    responses: { 200: json('The contact', contactView), ...problems(404) },
  });
}
