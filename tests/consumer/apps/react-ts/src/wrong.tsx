import type {} from '@dichtbij/components/react';

export function Wrong() {
  return <dichtbij-feedback client={42}></dichtbij-feedback>;
}
