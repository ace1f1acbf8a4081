/** The feedback module's public surface (ratings, uses, views and flags on articles). */
export { FeedbackRepository, feedbackIndexes } from './feedback.repository.js';
export { FeedbackService } from './feedback.service.js';
