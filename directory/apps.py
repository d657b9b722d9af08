from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = "托育机构"

    def ready(self):
        from directory.models import Institution, InstitutionService
        from directory.search.tasks import institution_changed, service_changed

        # Saves and deletes keep the Elasticsearch index (when one is configured) in step.
        post_save.connect(
            institution_changed, sender=Institution, dispatch_uid="directory_es_institution_saved"
        )
        post_delete.connect(
            institution_changed, sender=Institution, dispatch_uid="directory_es_institution_deleted"
        )
        post_save.connect(
            service_changed, sender=InstitutionService, dispatch_uid="directory_es_service_saved"
        )
        post_delete.connect(
            service_changed, sender=InstitutionService, dispatch_uid="directory_es_service_deleted"
        )
