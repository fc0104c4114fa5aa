/** The survey pages' and SMS replies' own words in English: the shape every language follows. */
export const en = {
  optional: 'optional',
  send: 'Send',
  scoreMissing: 'Please choose a score.',
  commentTooLong: 'Your comment must be at most 2,000 characters.',
  nonceExpired: 'This page was open for a long time: please send your answer again.',
  nonceInvalid: 'We could not check this form: please send your answer again.',
  recorded: 'Thank you, your score has been recorded. You can still change it or add a comment.',
  editing: 'You have already answered. You can change your answer for 24 hours.',
  confirmChange:
    'You have already answered. To change your score to the one selected below, press Send.',
  yourAnswer: 'Your answer',
  score: 'Score',
  comment: 'Comment',
  locked: 'This answer can no longer be changed. Thank you!',
  followUp: 'We are sorry about your experience. Someone from {{company}} will get back to you.',
  reviewAsk: 'Would you share your experience with others?',
  reviewLink: 'Leave a review',
  change: 'Change my answer',
  closedTitle: 'This survey has closed',
  closedText: 'Thank you for your interest. This survey is no longer open for answers.',
  notFoundTitle: 'Survey not found',
  notFoundText: 'This link is not valid. Please check that it was copied completely.',
  errorTitle: 'Something went wrong',
  errorText: 'Your answer could not be handled right now. Please try again in a moment.',
  tooManyTitle: 'Too many attempts',
  tooManyText: 'Please wait a few minutes, then try again.',
  smsThanks: 'Thank you for your answer! To add a comment: {{link}}',
  smsReask: 'Sorry, we did not understand. Please reply with a number from {{min}} to {{max}}.',
  smsNoted: 'Thank you, your message has been passed on.',
};

export type LandingChrome = Record<keyof typeof en, string>;
