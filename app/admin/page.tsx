import { redirect } from 'next/navigation';
import { requireOperator } from '@/lib/admin/operator-session';

export default async function AdminHome() {
  await requireOperator();
  redirect('/admin/orders');
}
