// What an admin reads when the API refused a change: the problem's detail and each field's errors.

export function explainRefusal(error) {
  switch (error?.status) {
    case 422:
      return [error.detail ?? error.title, ...Object.values(error.errors).flat()].filter(Boolean).join(' ');
    case 429:
      return `too many changes in a short time; try again in ${error.retryAfterSeconds ?? 'a few'} s.`;
    default:
      return error?.detail ?? error?.message ?? 'something went wrong.';
  }
}
