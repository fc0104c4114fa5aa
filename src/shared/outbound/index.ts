export {
  BLOCKED_REASON,
  checkOutboundUrl,
  isPublicAddress,
  parseAllowHosts,
  type OutboundUrlCheck,
} from './address-policy';
export {
  createOutboundClient,
  type OutboundClient,
  type OutboundRequest,
  type OutboundResponse,
  type Resolver,
} from './outbound-client';
export {
  OutboundBlockedError,
  OutboundError,
  OutboundNetworkError,
  OutboundTimeoutError,
  OutboundTooLargeError,
} from './outbound-errors';
export { assertOutboundUrls } from './assert-outbound-urls';
