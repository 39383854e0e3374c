import { useEffect, useRef, useState } from 'react';
import { Button } from 'antd';
import { SearchOutlined } from '@ant-design/icons';

/**
 * The search box of the landing page and the search hall: a native input and a button (antd's Input brings
 * its whole family — text areas, OTP, password — into the first bundle).
 */
export function SearchBox({
  label,
  placeholder,
  buttonText,
  initialValue = '',
  onSearch,
  onType,
  typeDelayMs = 100,
}: {
  label: string;
  placeholder: string;
  buttonText: string;
  initialValue?: string;
  onSearch: (query: string) => void;
  /** Search as you type: called a moment (`typeDelayMs`) after the last keystroke. */
  onType?: (query: string) => void;
  typeDelayMs?: number;
}) {
  const [value, setValue] = useState(initialValue);
  // What this box last sent: a URL change it caused must not overwrite what was typed since.
  const sent = useRef(initialValue);
  useEffect(() => {
    if (initialValue !== sent.current) {
      sent.current = initialValue;
      setValue(initialValue);
    }
  }, [initialValue]);
  // The latest callback, so that a parent re-rendering (results arriving) does not restart the delay.
  const typed = useRef(onType);
  typed.current = onType;
  const live = !!onType;
  useEffect(() => {
    if (!live || value === sent.current) return;
    const timer = setTimeout(() => {
      sent.current = value;
      typed.current?.(value);
    }, typeDelayMs);
    return () => clearTimeout(timer);
  }, [value, live, typeDelayMs]);
  return (
    <form
      role="search"
      className="search-box"
      onSubmit={(event) => {
        event.preventDefault();
        sent.current = value;
        onSearch(value);
      }}
    >
      <input
        type="search"
        aria-label={label}
        placeholder={placeholder}
        value={value}
        maxLength={200}
        onChange={(event) => setValue(event.target.value)}
      />
      <Button type="primary" htmlType="submit" size="large" icon={<SearchOutlined />}>
        {buttonText}
      </Button>
    </form>
  );
}
