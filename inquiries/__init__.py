"""Privacy inquiries: recording them, their deadlines, and (later) routing them to the controller."""
