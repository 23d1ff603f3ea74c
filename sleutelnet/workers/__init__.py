"""Background work: RQ queues, a transactional outbox, job functions, periodic schedule."""
