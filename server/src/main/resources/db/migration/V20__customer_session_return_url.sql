-- Polar's CustomerSession.return_url (2026-10 API): where the customer portal's back button leads; none when not given.
ALTER TABLE customer_sessions ADD COLUMN return_url text;
