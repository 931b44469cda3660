import { useEffect, useRef } from 'react';
import { renderStaticScreen } from '../../terminals/static-screen';

export function ScreenPreview({ snapshot, cols, rows }: { snapshot: string; cols: number; rows: number }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    return renderStaticScreen(el, snapshot, cols, rows);
  }, [snapshot, cols, rows]);
  return <div className="screen-preview" ref={ref} />;
}
