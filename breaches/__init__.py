"""Personal data breaches (GDPR Arts. 33-34): the register, the 72-hour clock, routing and drafts."""
