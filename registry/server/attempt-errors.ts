// The answers every route that checks a password or a code gives alike (sign-in, confirming access, checking a
// recovery code, activating an authenticator), so a client handles them in one way wherever they come from.
import { ApiError } from './errors.ts';

export function rateLimitedError(retryAfterSeconds: number): ApiError {
  return new ApiError(429, 'rate_limited', `Too many failed attempts; try again in ${retryAfterSeconds} s`, {
    'Retry-After': String(retryAfterSeconds),
  });
}

export function otpRequiredError(
  message = 'This account has two-factor authentication: send otp or recoveryCode',
): ApiError {
  return new ApiError(401, 'otp_required', message, { 'WWW-Authenticate': 'OTP' });
}

export function invalidOtpError(): ApiError {
  return new ApiError(401, 'invalid_otp', 'The authentication code is wrong or was already used');
}

export function invalidCredentialsError(message = 'Wrong username or password'): ApiError {
  return new ApiError(401, 'invalid_credentials', message);
}
