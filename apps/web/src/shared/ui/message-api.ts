// antd's global message, on its own so that `toast` can load it on demand.
export { message } from 'antd';
