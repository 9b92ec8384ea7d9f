"""The GDPR registry: parties, engagements, sub-processor links, transfers, agreements and their audit log."""
