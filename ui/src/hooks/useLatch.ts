// A flag that turns on once a condition has held, and stays on.
import { useState } from 'react';

export function useLatch(condition: boolean): boolean {
  const [latched, setLatched] = useState(condition);
  // Set during render (React's pattern for state derived from props): no extra commit.
  if (condition && !latched) setLatched(true);
  return latched || condition;
}
