// A screen's confirmations and failures after an action (antd's global message): the message module (~9 KB
// compressed) loads with the first one instead of with the screen; it shows as antd's message.success/error do.
type Kind = 'success' | 'error';

function show(kind: Kind, content: string): void {
  void import('./message-api').then(({ message }) => message[kind](content));
}

export const toast = {
  success: (content: string) => show('success', content),
  error: (content: string) => show('error', content),
};
