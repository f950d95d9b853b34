/** The response header in which every scale-out instance names itself. */
export const INSTANCE_HEADER = 'x-tern-instance';
