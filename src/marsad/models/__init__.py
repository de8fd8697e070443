"""Trained model files shipped with Marsad (the Arabic names model, built by `marsad train ner`)."""
