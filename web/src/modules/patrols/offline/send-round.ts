import { ApiError, api, describeError } from '../../../lib/api.ts';
import type { RoundSender } from './sync.ts';

/** Sends one round to POST /api/v1/patrols/rounds with its Idempotency-Key (the same key on every attempt). */
export const postRound: RoundSender = async (idempotencyKey, body) => {
  try {
    // A 401 must not take the user away from the form: the outbox waits for the next sign-in instead.
    await api.post('/patrols/rounds', body, { headers: { 'Idempotency-Key': idempotencyKey }, isAuthStep: true });
    return { status: 201, message: '' };
  } catch (error) {
    if (error instanceof ApiError) return { status: error.status, message: describeError(error) };
    return { status: 0, message: describeError(error) };
  }
};
