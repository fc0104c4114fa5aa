export {
  createContactsService,
  toContactView,
  optOutFlags,
  type ContactsService,
  type ContactView,
  type CustomerInput,
} from './contacts.service';
export { contactsRoutes } from './contacts.routes';
export type { ContactDoc } from './contact.model';
