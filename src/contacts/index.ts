export {
  createContactsService,
  toContactView,
  optOutFlags,
  type ContactsService,
  type ContactView,
  type ContactLookup,
  type OptOutActor,
  type CustomerInput,
} from './contacts.service';
export { contactsRoutes } from './contacts.routes';
export type { ContactDoc } from './contact.model';
export { createAddressHasher, type AddressHasher } from './address-hash';
export { contactSearchLookups, e164Of } from './contact-search';
