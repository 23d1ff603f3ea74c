"""Privacy (AVG/GDPR) around the key-person register: consent register, subject-access export (art. 15),
erasure by anonymisation (art. 17) and retention periods applied by a scheduled job."""
